-- wrk script: PUT a 128-byte value under a fresh key on every request, against a Kairos master's
-- API (the leader's: a follower answers 307, which wrk counts as non-2xx).
--   wrk -t1 -c64 -d15s -s kairos-bench/wrk/put.lua http://127.0.0.1:7701/
local counter = 0
local value = string.rep("x", 128)

request = function()
  counter = counter + 1
  return wrk.format("PUT", "/v1/kv/w" .. counter .. "-" .. math.random(1, 1000000000), nil, value)
end
