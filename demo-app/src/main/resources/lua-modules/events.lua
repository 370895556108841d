-- events: the demo's rules for a sensor event, shared by router.lua and window.lua with require("events").
-- Each actor VM runs its own copy on its first require, so nothing here is shared between actors.
local events = {}

events.MAX_SENSOR_NAME = 40

-- Returns the sensor and value of an event {sensor = <name>, value = <number>}, or nil and what is wrong.
-- Callers wrap it in assert(...): the error is then raised in the caller's script, whose file and line the
-- sender sees (LuaJ reports the innermost function's position whatever error's level says).
function events.check(msg, who)
  if type(msg) ~= "table" then
    return nil, who .. " expects an event {sensor = <name>, value = <number>}, got a " .. type(msg)
  end
  local sensor, value = msg.sensor, msg.value
  if type(sensor) ~= "string" or #sensor > events.MAX_SENSOR_NAME or not sensor:match("^[%w_-]+$") then
    return nil, "sensor must be a name of letters, digits, '-' or '_', got " .. tostring(sensor)
  end
  if type(value) ~= "number" or value ~= value then
    return nil, "value must be a number, got " .. tostring(value)
  end
  return sensor, value
end

return events
