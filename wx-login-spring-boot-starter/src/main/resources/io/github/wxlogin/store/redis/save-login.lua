-- Store a new login with its first refresh token; the hash expires with the token.
-- Fields: 't' token digest, 'e' its expiry, 'a' app, 'o' openid, 'u' unionid (when known), 'c' created,
-- later 'r' last refreshed, 'p:<digest>' rotated tokens, 'x' revoked, 'j:<jti>' revoked tokens.
-- KEYS[1] the login's hash ({sid}:login)
-- ARGV[1] token digest, ARGV[2] its expiry (epoch ms), ARGV[3] app id, ARGV[4] openid,
-- ARGV[5] unionid or '', ARGV[6] now (epoch ms)
if ARGV[5] == '' then
  redis.call('HSET', KEYS[1], 't', ARGV[1], 'e', ARGV[2], 'a', ARGV[3], 'o', ARGV[4], 'c', ARGV[6])
else
  redis.call('HSET', KEYS[1], 't', ARGV[1], 'e', ARGV[2], 'a', ARGV[3], 'o', ARGV[4], 'u', ARGV[5], 'c', ARGV[6])
end
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
return 1
