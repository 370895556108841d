ctx.send("stopLog", ctx.name .. " stopped after " .. (ctx.state.prefix or "?"))
