ctx.state.reply = ctx.send("z", "hi")
