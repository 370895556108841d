ctx.send("farewells", ctx.name)
