return ctx.msg * 2
