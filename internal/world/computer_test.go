package world

import (
	"strings"
	"testing"
)

// The first computer controls computer 1 through its computer peripheral:
// computer 1 counts its boots in a file, and labels itself.
func TestComputerPeripheral(t *testing.T) {
	res := runWorld(t, setup{
		computers: 2,
		noModem:   true,
		files: map[string]string{
			"computer/1/startup.lua": `
local n = 0
if fs.exists("boots") then local h = fs.open("boots", "r") n = tonumber(h.readAll()) h.close() end
local h = fs.open("boots", "w") h.write(tostring(n + 1)) h.close()
os.setComputerLabel("second")
`,
		},
		src: `
local c = peripheral.wrap("computer_1")
print(peripheral.getType("computer_1"), c.getID(), c.isOn())
local function boots()
    local h = fs.open("computer/1/boots", "r")
    if not h then return 0 end
    -- Read while computer 1 rewrites it: an empty file is 0 boots yet.
    local n = tonumber(h.readAll()) h.close() return n or 0
end
local function waitFor(n) for _ = 1, 200 do if boots() >= n and c.getLabel() then return end sleep(0.02) end end
waitFor(1)
print("label", c.getLabel(), boots())
c.shutdown()
print("after shutdown", c.isOn(), c.getLabel())
peripheral.call("computer_1", "turnOn")
print("after turnOn", c.isOn())
waitFor(2)
print("boots", boots())
c.reboot()
waitFor(3)
print("boots", boots())
c.shutdown()
c.reboot() -- turns it on
waitFor(4)
print("boots", boots(), c.isOn())
print(periphemu.remove("computer_1"), c.isOn())
print(peripheral.call("computer_1", "isOn"))
-- Removed, the peripheral is gone but the computer stays on.
print(periphemu.create(1, "computer"), peripheral.call("computer_1", "getLabel"), peripheral.call("computer_1", "isOn"))
print(periphemu.create("left", "computer", 7), peripheral.call("left", "getID"))
print(periphemu.create("right", "computer", "x"))
`,
	})
	if res.err != nil || res.status != 0 {
		t.Fatalf("%+v", res)
	}
	want := strings.Join([]string{
		"[0] computer\t1\ttrue",
		"[0] label\tsecond\t1",
		"[0] after shutdown\tfalse\tsecond",
		"[0] after turnOn\ttrue",
		"[0] boots\t2",
		"[0] boots\t3",
		"[0] boots\t4\ttrue",
		"[0] true\tnil",
		"[0] nil",
		"[0] true\tsecond\ttrue",
		"[0] true\t7",
		`[0] false	computer: "x" is not a computer ID`,
	}, "\n")
	var got []string
	for _, line := range strings.Split(res.stdout, "\n") {
		if strings.HasPrefix(line, "[0] ") {
			got = append(got, line)
		}
	}
	if strings.Join(got, "\n") != want {
		t.Errorf("computer 0 printed:\n%s\nwant:\n%s\n(all output:\n%s)", strings.Join(got, "\n"), want, res.stdout)
	}
}

// A wired modem shows the computers on its cable as peripherals.
func TestWiredModemBetweenComputers(t *testing.T) {
	res := runWorld(t, setup{
		computers: 3,
		modem:     "wired",
		src: `
local m = peripheral.wrap("top")
-- The others join the cable as they boot, beside this one: wait for them.
for _ = 1, 100 do
  if #m.getNamesRemote() == 2 then break end
  sleep(0.05)
end
print(m.getNameLocal(), table.concat(m.getNamesRemote(), ","))
print(peripheral.getType("computer_2"), m.callRemote("computer_2", "getID"))
-- The ROM's peripheral API reaches them through the modem too.
local found = { peripheral.find("computer") }
print(#found)
`,
	})
	if res.err != nil || res.status != 0 {
		t.Fatalf("%+v", res)
	}
	// computer_1 and computer_2 are attached directly (--computers) and on
	// the cable; peripheral.find lists each name once per place.
	res.mustContain(t, "[0] computer_0\tcomputer_1,computer_2\n", "[0] computer\t2\n")
}
