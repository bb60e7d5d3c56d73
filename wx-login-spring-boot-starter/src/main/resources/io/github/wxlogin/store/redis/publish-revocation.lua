-- Append a revocation to the stream every instance's mirror reads. Entries older than the
-- longest access token lifetime are trimmed (no token they concern is still valid), and
-- the stream itself expires that long after its last entry.
-- KEYS[1] the stream (revocations)
-- ARGV[1] trim entries before this (epoch ms), ARGV[2] how long to keep the stream (ms),
-- ARGV[3] sid, ARGV[4] jti or ''
local id
if ARGV[4] == '' then
  id = redis.call('XADD', KEYS[1], 'MINID', '~', ARGV[1], '*', 's', ARGV[3])
else
  id = redis.call('XADD', KEYS[1], 'MINID', '~', ARGV[1], '*', 's', ARGV[3], 'j', ARGV[4])
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return id
