-- replies with what on_started got from "z", which starts after "a"
return ctx.state.reply
