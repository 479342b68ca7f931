-- Pings 10 checks in turn, as 10 cron jobs would: /ping/<key>/bench-0 .. bench-9.
local key = os.getenv("PING_KEY")
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", "/ping/" .. key .. "/bench-" .. (counter % 10))
end
