-- checkout: Java recipients are reached by name, like actors
local customer = ctx.send("customer", ctx.msg.customer)
if customer == nil then
  return { error = "unknown customer " .. tostring(ctx.msg.customer) }
end
local discount = ctx.send("discount", ctx.msg.total)
local rate = ctx.send("rate", ctx.msg.currency)
ctx.send("audit", { customer = ctx.msg.customer, total = ctx.msg.total })
local mailed, mail_error = pcall(ctx.send, "mailer", ctx.msg.email or "")
return { name = customer.name, pay = (ctx.msg.total - discount) * rate, mailed = mailed, mail_error = mail_error }
