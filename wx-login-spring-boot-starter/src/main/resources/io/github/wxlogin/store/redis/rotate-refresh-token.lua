-- Atomically consume a refresh token and store its successor in the same login.
-- KEYS[1] the login's hash ({sid}:login): 't' current token digest, 'e' its expiry,
--   'p:<digest>' expiry of each token rotated before, 'x' present when the login is revoked
-- ARGV[1] presented digest, ARGV[2] successor digest, ARGV[3] now (epoch ms),
-- ARGV[4] the successor's expiry (epoch ms)
-- Answers {'invalid'}, {'reused'} (the login is now revoked), or
-- {'rotated', app, openid, unionid, exp} (what the presented token was issued for).
local function extend(key, at)
  if redis.call('PEXPIRETIME', key) < tonumber(at) then
    redis.call('PEXPIREAT', key, at)
  end
end
local h = redis.call('HMGET', KEYS[1], 't', 'e', 'x', 'a', 'o', 'u')
if not h[4] or h[3] then
  return {'invalid'}
end
local now = tonumber(ARGV[3])
if h[1] == ARGV[1] then
  if tonumber(h[2]) <= now then
    return {'invalid'}
  end
  redis.call('HSET', KEYS[1], 'p:' .. ARGV[1], h[2], 't', ARGV[2], 'e', ARGV[4], 'r', ARGV[3])
  extend(KEYS[1], ARGV[4])
  -- a long-lived login: forget rotated tokens that have expired (they can no longer be reused)
  if redis.call('HLEN', KEYS[1]) > 64 then
    local fields = redis.call('HGETALL', KEYS[1])
    for i = 1, #fields, 2 do
      if string.sub(fields[i], 1, 2) == 'p:' and tonumber(fields[i + 1]) <= now then
        redis.call('HDEL', KEYS[1], fields[i])
      end
    end
  end
  return {'rotated', h[4], h[5], h[6] or '', h[2]}
end
local used = redis.call('HGET', KEYS[1], 'p:' .. ARGV[1])
if used and tonumber(used) > now then
  redis.call('HSET', KEYS[1], 'x', '1')
  extend(KEYS[1], ARGV[4])
  return {'reused'}
end
return {'invalid'}
