-- Sends on to the counter, wherever it lives, and returns its reply.
return ctx.send('counter', ctx.msg)
