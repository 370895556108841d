local who = ctx.send("directory", ctx.msg)   -- a Java @LuaRecipient bean; the handler waits without a thread
ctx.state.greeted = (ctx.state.greeted or 0) + 1
return "Hello, " .. who
