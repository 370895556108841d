ctx.state.n = (ctx.state.n or 0) + 1
return ctx.state.n
