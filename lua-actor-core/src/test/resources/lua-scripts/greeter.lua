return 'hello from the class path, ' .. ctx.msg
