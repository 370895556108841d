return ctx.msg
