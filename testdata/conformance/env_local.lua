-- A `local _ENV` redirects every free name in its scope.
local function withEnv()
  local _ENV = {print = print, tostring = tostring}
  z = 3
  print("inside", z, tostring(_ENV.z))
end
withEnv()
print("outside", z)
local function param(_ENV) return a + b end
print(param({a = 1, b = 2}))
