-- Share an app's access token until it expires, and free the fetch lock if the caller holds it.
-- KEYS[1] the token ({at:app}:token), KEYS[2] the lock ({at:app}:lock)
-- ARGV[1] 'refreshAt expiresAt token' (epoch ms), ARGV[2] expiry (epoch ms), ARGV[3] the lock's owner
redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[2])
if redis.call('GET', KEYS[2]) == ARGV[3] then
  redis.call('DEL', KEYS[2])
end
return 1
