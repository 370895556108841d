ctx.state.ok = true
