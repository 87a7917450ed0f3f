--- vector: 3-D vectors with x, y and z, and the usual operations (also as
-- operators: + - * / unary minus, ==, tostring).

local expect = dofile("rom/modules/main/cc/expect.lua").expect

local methods = {}
local vector_mt = {
    __name = "vector", -- so cc.expect reports "got vector"
    __index = methods,
}

local function make(x, y, z)
    return setmetatable({ x = x, y = y, z = z }, vector_mt)
end

-- Methods check their arguments with
--   if not is_vector(v) then expect(i, v, "vector") end
-- calling expect directly so its error names the method and blames its caller.
local function is_vector(value)
    return getmetatable(value) == vector_mt
end

function methods.add(self, other)
    if not is_vector(self) then expect(1, self, "vector") end
    if not is_vector(other) then expect(2, other, "vector") end
    return make(self.x + other.x, self.y + other.y, self.z + other.z)
end

function methods.sub(self, other)
    if not is_vector(self) then expect(1, self, "vector") end
    if not is_vector(other) then expect(2, other, "vector") end
    return make(self.x - other.x, self.y - other.y, self.z - other.z)
end

function methods.mul(self, factor)
    if not is_vector(self) then expect(1, self, "vector") end
    expect(2, factor, "number")
    return make(self.x * factor, self.y * factor, self.z * factor)
end

function methods.div(self, factor)
    if not is_vector(self) then expect(1, self, "vector") end
    expect(2, factor, "number")
    return make(self.x / factor, self.y / factor, self.z / factor)
end

function methods.unm(self)
    if not is_vector(self) then expect(1, self, "vector") end
    return make(-self.x, -self.y, -self.z)
end

function methods.dot(self, other)
    if not is_vector(self) then expect(1, self, "vector") end
    if not is_vector(other) then expect(2, other, "vector") end
    return self.x * other.x + self.y * other.y + self.z * other.z
end

function methods.cross(self, other)
    if not is_vector(self) then expect(1, self, "vector") end
    if not is_vector(other) then expect(2, other, "vector") end
    return make(
        self.y * other.z - self.z * other.y,
        self.z * other.x - self.x * other.z,
        self.x * other.y - self.y * other.x)
end

function methods.length(self)
    if not is_vector(self) then expect(1, self, "vector") end
    return math.sqrt(self:dot(self))
end

--- Same direction, length 1.
function methods.normalize(self)
    return self:mul(1 / self:length())
end

--- Each coordinate rounded to the nearest multiple of `tolerance` (default 1).
function methods.round(self, tolerance)
    if not is_vector(self) then expect(1, self, "vector") end
    expect(2, tolerance, "number", "nil")
    tolerance = tolerance or 1
    local function round(n) return math.floor((n + tolerance * 0.5) / tolerance) * tolerance end
    return make(round(self.x), round(self.y), round(self.z))
end

--- "x,y,z"
function methods.tostring(self)
    if not is_vector(self) then expect(1, self, "vector") end
    return self.x .. "," .. self.y .. "," .. self.z
end

function methods.equals(self, other)
    if not is_vector(self) then expect(1, self, "vector") end
    if not is_vector(other) then expect(2, other, "vector") end
    return self.x == other.x and self.y == other.y and self.z == other.z
end

vector_mt.__add = methods.add
vector_mt.__sub = methods.sub
vector_mt.__mul = methods.mul
vector_mt.__div = methods.div
vector_mt.__unm = methods.unm
vector_mt.__tostring = methods.tostring
vector_mt.__eq = methods.equals

--- A new vector; coordinates that are not numbers (or numeric strings) are 0.
function new(x, y, z)
    return make(tonumber(x) or 0, tonumber(y) or 0, tonumber(z) or 0)
end
