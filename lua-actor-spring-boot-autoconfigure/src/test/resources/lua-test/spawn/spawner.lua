local name = ctx.new_actor(ctx.msg.script, ctx.msg.name)
return ctx.send(name, ctx.msg.body)
