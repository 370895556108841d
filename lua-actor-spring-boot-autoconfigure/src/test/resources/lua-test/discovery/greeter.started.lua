ctx.state.prefix = "Hi"
