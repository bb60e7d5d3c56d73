-- Record a login of a user, until its expiry; forget the user's expired logins.
-- KEYS[1] the user's sorted set ({app:openid}:logins), member sid, score expiry (epoch ms)
-- ARGV[1] sid, ARGV[2] its expiry (epoch ms), ARGV[3] now (epoch ms)
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[3])
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
redis.call('PEXPIREAT', KEYS[1], last[2])
return 1
