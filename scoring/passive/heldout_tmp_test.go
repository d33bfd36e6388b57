package passive

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

func TestHeldTmp(t *testing.T) {
	f, _ := os.Open("/tmp/held.txt")
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "|")
		ms := Find(c[1])
		if (len(ms) > 0) != (c[0] == "1") {
			t.Logf("WRONG label=%s %q -> %s", c[0], c[1], describe(c[1], ms))
		}
	}
}
