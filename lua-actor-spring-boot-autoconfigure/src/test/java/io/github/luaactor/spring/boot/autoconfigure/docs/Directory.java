package io.github.luaactor.spring.boot.autoconfigure.docs;

// README.md, step 3, copies this file from its imports on, so that a reader sees which packages to use.

import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaMessageHandler;
import io.github.luaactor.core.LuaRecipient;

import org.springframework.stereotype.Component;

@Component
@LuaRecipient("directory")
class Directory implements LuaMessageHandler {
    public LuaMessage handle(LuaMessage msg) { return LuaMessage.from(msg.toJava().toString().toUpperCase()); }
}
