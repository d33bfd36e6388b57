package scoring
import ("testing";"fmt")
func TestUnitConfusion(t *testing.T){
 r:=MustRubric("mistake")
 ids:=map[string]int{}; for i,s:=range r.Sections {ids[s.ID]=i}
 var m [5][5]int
 for _, set := range sectionSets {
  for _, a := range loadAnswersIfAny(t, set...) {
   if a.Rubric!="mistake" {continue}
   an:=newAnalysis(r, Input{Text:a.Text})
   labs:=unitLabelsOf(a, an.d, ids)
   for u:=range an.d.units { if labs[u]>=0 { m[labs[u]][an.sec[u]]++ } }
  }
 }
 fmt.Println("rows labeled, cols decoded: sit mis root resp chg")
 for i:=0;i<5;i++ { fmt.Println(r.Sections[i].ID, m[i]) }
}
func TestUnitExamples(t *testing.T){
 r:=MustRubric("mistake")
 ids:=map[string]int{}; for i,s:=range r.Sections {ids[s.ID]=i}
 n:=0
 for _, set := range sectionSets {
  for _, a := range loadAnswersIfAny(t, set...) {
   if a.Rubric!="mistake" {continue}
   an:=newAnalysis(r, Input{Text:a.Text})
   labs:=unitLabelsOf(a, an.d, ids)
   for u,un:=range an.d.units { if labs[u]==lab && an.sec[u]==got && n<40 { n++; fmt.Printf("%s | %s\n", a.Name, an.d.Text[un.start:un.end]) } }
  }
 }
}
var lab, got = 1, 2
