-- Asks the Java recipient "greetings" and adds the configured greeting.
return GREETING .. ": " .. ctx.send("greetings", ctx.msg)
