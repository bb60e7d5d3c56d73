-- Atomically consume a refresh token and store its successor in the same family.
-- KEYS[1] the presented token's hash, KEYS[2] the successor's hash
-- ARGV[1] now (epoch ms), ARGV[2] the successor's expiry (epoch ms), ARGV[3] family key prefix
-- Answers {'invalid'}, {'reused', family} (the family is revoked), or
-- {'rotated', family, app, openid, unionid, exp} (what the presented token was issued for).
local t = redis.call('HMGET', KEYS[1], 'family', 'app', 'openid', 'unionid', 'exp', 'used')
local family = t[1]
if not family then
  return {'invalid'}
end
if tonumber(t[5]) <= tonumber(ARGV[1]) then
  return {'invalid'}
end
local familyKey = ARGV[3] .. family
if redis.call('EXISTS', familyKey) == 1 then
  return {'invalid'}
end
if t[6] == '1' then
  redis.call('SET', familyKey, '1', 'PXAT', ARGV[2])
  return {'reused', family}
end
redis.call('HSET', KEYS[1], 'used', '1')
redis.call('HSET', KEYS[2], 'family', family, 'app', t[2], 'openid', t[3], 'unionid', t[4] or '',
  'exp', ARGV[2], 'used', '0')
redis.call('PEXPIREAT', KEYS[2], ARGV[2])
return {'rotated', family, t[2], t[3], t[4] or '', t[5]}
