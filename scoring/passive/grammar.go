package passive

// The closed grammatical classes below are fixed by English grammar, not
// by the domain, so they are code rather than word lists.

// beForms are the forms of "be" that can carry a passive. "'s" is also
// "has" and a possessive; the rules in find.go tell them apart.
var beForms = set{"am": {}, "is": {}, "are": {}, "was": {}, "were": {}, "be": {}, "been": {}, "being": {}, "'s": {}, "'re": {}, "'m": {}}

// getForms are the forms of "get" that can carry a passive ("got pushed").
var getForms = set{"get": {}, "gets": {}, "got": {}, "gotten": {}, "getting": {}}

// chainBe are the forms of "be" that can follow another auxiliary in one
// verb chain ("was being", "has been", "will be").
var chainBe = set{"be": {}, "been": {}, "being": {}}

// haveForms can stand before "been" in a perfect chain. "of" and "a" are
// how "should have" is often typed or transcribed ("should of been").
var haveForms = set{"have": {}, "has": {}, "had": {}, "having": {}, "'ve": {}, "'d": {}, "'s": {}}

// modals can start a chain before "be" or "have".
var modals = set{
	"will": {}, "would": {}, "shall": {}, "should": {}, "can": {}, "could": {},
	"may": {}, "might": {}, "must": {}, "'ll": {}, "'d": {}, "ought": {},
}

// modalHave are spellings that fuse a modal with "have" ("shoulda").
var modalHave = set{"shoulda": {}, "coulda": {}, "woulda": {}, "musta": {}, "mighta": {}}

// personal are the subject pronouns that name people; a participle in the
// ambiguous list describes their state, not an action done to them.
var personal = set{
	"i": {}, "we": {}, "you": {}, "he": {}, "she": {}, "they": {},
	"me": {}, "us": {}, "him": {}, "her": {}, "them": {},
	"everyone": {}, "everybody": {}, "someone": {}, "somebody": {}, "nobody": {},
	"let's": {},
}

// sHosts are the words after which "'s" is a contraction of "is" or
// "has" rather than a possessive ("it's", "that's", "there's").
var sHosts = set{
	"it": {}, "that": {}, "this": {}, "what": {}, "there": {}, "here": {}, "he": {}, "she": {},
	"who": {}, "where": {}, "how": {}, "everything": {}, "nothing": {}, "something": {},
	"anything": {}, "everyone": {}, "someone": {}, "nobody": {}, "somebody": {}, "everybody": {},
}

// objects start a noun phrase. After "'s" + participle they show an
// active perfect with its object ("he's sent the file"), and after "used
// to" they show "accustomed to" rather than a purpose.
var objects = set{
	"the": {}, "a": {}, "an": {}, "my": {}, "our": {}, "your": {}, "his": {}, "her": {},
	"their": {}, "its": {}, "this": {}, "that": {}, "these": {}, "those": {}, "it": {},
	"them": {}, "him": {}, "me": {}, "us": {}, "some": {}, "any": {}, "every": {},
	"no": {}, "all": {}, "much": {}, "more": {}, "being": {}, "having": {},
}

// verbPrefixes turn the next participle into a compound participle when
// written apart or hyphenated ("double checked", "re-tested").
var verbPrefixes = set{
	"re": {}, "pre": {}, "co": {}, "de": {}, "mis": {}, "over": {}, "under": {},
	"double": {}, "triple": {}, "cross": {}, "auto": {}, "hand": {}, "back": {},
}

// notSubject are words that cannot be the subject of the chain that
// follows them: conjunctions, prepositions, relative words and the like.
// When the word before a chain is one of them the subject is unknown.
var notSubject = set{
	"and": {}, "but": {}, "or": {}, "so": {}, "because": {}, "since": {}, "as": {},
	"if": {}, "when": {}, "while": {}, "until": {}, "before": {}, "after": {},
	"that": {}, "which": {}, "who": {}, "whom": {}, "whose": {}, "where": {},
	"of": {}, "in": {}, "on": {}, "at": {}, "to": {}, "for": {}, "from": {},
	"with": {}, "without": {}, "by": {}, "about": {}, "into": {}, "onto": {},
	"than": {}, "then": {}, "also": {}, "just": {}, "really": {}, "actually": {},
	"the": {}, "a": {}, "an": {}, "not": {}, "n't": {}, "yeah": {}, "okay": {}, "ok": {},
	"um": {}, "uh": {}, "like": {}, "well": {}, "why": {}, "how": {}, "what": {},
}

// prepositions may follow a participle inside a passive ("was sent to")
// but not a participle used before a noun ("there were missed calls").
var prepositions = set{
	"to": {}, "for": {}, "by": {}, "with": {}, "in": {}, "on": {}, "at": {},
	"from": {}, "into": {}, "onto": {}, "of": {}, "about": {}, "over": {},
	"under": {}, "out": {}, "up": {}, "off": {}, "down": {}, "back": {},
	"away": {}, "through": {}, "during": {}, "after": {}, "before": {},
	"and": {}, "or": {}, "but": {}, "because": {}, "so": {}, "when": {},
	"while": {}, "until": {}, "as": {}, "than": {},
}

// questionSubjects may stand between a sentence-initial auxiliary and the
// participle in a question ("was it tested", "were they told").
var questionSubjects = set{"it": {}, "they": {}, "he": {}, "she": {}, "we": {}, "you": {}, "i": {}, "this": {}, "that": {}}
