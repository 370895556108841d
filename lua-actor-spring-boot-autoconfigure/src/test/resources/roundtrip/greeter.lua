-- Lua -> Java: "directory" is a @LuaRecipient method, which itself asks the Lua actor "titles"
local who = ctx.send("directory", ctx.msg)
return "Hello, " .. who
