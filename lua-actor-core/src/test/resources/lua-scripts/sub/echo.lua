return 'echo ' .. ctx.msg
