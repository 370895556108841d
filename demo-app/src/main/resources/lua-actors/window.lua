-- window: one per sensor, started by the router with ctx.new_actor("window", "window-<sensor>").
-- Keeps the values of the last minute in ctx.state (count, mean, min, max), ticks every half second
-- with ctx.notify_later to let old values go, and asks the Java recipient "alerts" for an alert id
-- when a value crosses ALERT_THRESHOLD. now_ms() and ALERT_THRESHOLD come from the app's LuaVmCustomizer;
-- events are checked by the shared module lua-modules/events.lua.
-- Messages: an event {sensor = ..., value = ...}, "tick", "stats".
local events = require("events")
local WINDOW_MS = 60000
local TICK_SECONDS = 0.5

local s = ctx.state
if s.times == nil then
  s.times, s.values = {}, {}      -- a queue: entries head..tail, oldest first
  s.head, s.tail = 1, 0
  s.sum = 0
  s.alerts = 0
  s.above = false
end

local function count()
  return s.tail - s.head + 1
end

-- drops values older than a minute; min and max are recomputed only when something was dropped
local function expire(now)
  local dropped = false
  while s.head <= s.tail and s.times[s.head] <= now - WINDOW_MS do
    s.sum = s.sum - s.values[s.head]
    s.times[s.head], s.values[s.head] = nil, nil
    s.head = s.head + 1
    dropped = true
  end
  if dropped then
    s.min, s.max = nil, nil
    for i = s.head, s.tail do
      local v = s.values[i]
      if s.min == nil or v < s.min then s.min = v end
      if s.max == nil or v > s.max then s.max = v end
    end
    if count() == 0 then s.sum = 0 end
  end
end

local function stats()
  local n = count()
  return {
    sensor = s.sensor or ctx.name,
    actor = ctx.name,
    count = n,
    mean = n > 0 and s.sum / n or nil,
    min = s.min,
    max = s.max,
    last = s.last,
    window_seconds = WINDOW_MS / 1000,
    alerts = s.alerts,
    last_alert = s.last_alert,
  }
end

local msg = ctx.msg
local now = now_ms()

if msg == "tick" then
  expire(now)
  ctx.notify_later("tick", TICK_SECONDS)
  return nil
end

if msg == "stats" then
  expire(now)
  return stats()
end

if type(msg) ~= "table" then
  error(ctx.name .. " expects an event, \"tick\" or \"stats\", got " .. tostring(msg))
end
local sensor, v = assert(events.check(msg, ctx.name))

if s.sensor == nil then
  s.sensor = sensor
end
-- The first event of this VM starts the clock. A global, not ctx.state: the state is durable (docs/state.md), so a
-- window started again after a restart has its values back but must start ticking anew.
if not ticking then
  ticking = true
  ctx.notify_later("tick", TICK_SECONDS)
end

s.tail = s.tail + 1
s.times[s.tail], s.values[s.tail] = now, v
s.sum = s.sum + v
s.last = v
if s.min == nil or v < s.min then s.min = v end
if s.max == nil or v > s.max then s.max = v end

if v > ALERT_THRESHOLD then
  if not s.above then
    s.above = true        -- set before ctx.send: other events may run while this handler waits
    s.alerts = s.alerts + 1
    s.last_alert = ctx.send("alerts", {
      sensor = s.sensor, value = v, threshold = ALERT_THRESHOLD, mean = s.sum / count(),
    })
    ctx.log.info(s.sensor .. " crossed " .. ALERT_THRESHOLD .. " with " .. v .. ": " .. s.last_alert)
  end
else
  s.above = false
end
return count()
