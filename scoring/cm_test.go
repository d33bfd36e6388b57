package scoring
import ("testing";"fmt")
func TestCorpusMisses(t *testing.T){ _,_,m:=sectionStarts(t, loadAnswers(t)); for _,x:=range m {fmt.Println(x)} }
