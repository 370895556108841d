if ctx.msg == "ada" then return "Countess" end
return "Citizen"
