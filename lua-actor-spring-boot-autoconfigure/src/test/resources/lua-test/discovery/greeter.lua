-- the per-message handler of actor "greeter"
return (ctx.state.prefix or "Hello") .. ", " .. ctx.msg
