package io.github.luaactor.spring.boot.autoconfigure.docs;

import io.github.luaactor.core.LuaMessage;
import io.github.luaactor.core.LuaMessageHandler;
import io.github.luaactor.core.LuaRecipient;

import org.springframework.stereotype.Component;

// README.md, step 3, copies this class.
@Component
@LuaRecipient("directory")
class Directory implements LuaMessageHandler {
    public LuaMessage handle(LuaMessage msg) { return LuaMessage.from(msg.toJava().toString().toUpperCase()); }
}
