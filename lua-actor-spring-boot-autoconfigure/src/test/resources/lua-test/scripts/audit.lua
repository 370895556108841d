return "audited " .. ctx.msg
