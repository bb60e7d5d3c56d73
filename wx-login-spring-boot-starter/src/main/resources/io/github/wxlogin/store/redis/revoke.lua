-- Mark a revocation in a login's hash and keep the hash at least until the given time.
-- KEYS[1] the login's hash ({sid}:login)
-- ARGV[1] the field: 'x' (the whole login) or 'j:<jti>' (one access token),
-- ARGV[2] keep until (epoch ms)
redis.call('HSET', KEYS[1], ARGV[1], '1')
if redis.call('PEXPIRETIME', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('PEXPIREAT', KEYS[1], ARGV[2])
end
return 1
