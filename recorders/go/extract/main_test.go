package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A seed shaped like the real one: a commit message, a file that is not wanted, the two wanted
// files (one without a final newline), and a test file after them.
const fakeSeed = `m/pkg/event: implement

diff --git a/metropolis/pkg/event/BUILD.bazel b/metropolis/pkg/event/BUILD.bazel
--- /dev/null
+++ b/metropolis/pkg/event/BUILD.bazel
@@ -0,0 +1,1 @@
+load("@io_bazel_rules_go//go:def.bzl", "go_library")
diff --git a/metropolis/pkg/event/event.go b/metropolis/pkg/event/event.go
--- /dev/null
+++ b/metropolis/pkg/event/event.go
@@ -0,0 +1,3 @@
+package event
+
+++counter // a line that starts with two pluses once its own is taken off
diff --git a/metropolis/pkg/event/memory_value.go b/metropolis/pkg/event/memory_value.go
--- /dev/null
+++ b/metropolis/pkg/event/memory_value.go
@@ -0,0 +1,2 @@
+package event
+type MemoryValue struct{}
\ No newline at end of file
diff --git a/metropolis/pkg/event/memory_value_test.go b/metropolis/pkg/event/memory_value_test.go
--- /dev/null
+++ b/metropolis/pkg/event/memory_value_test.go
@@ -0,0 +1,1 @@
+package event
`

func writeSeed(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), seedName)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// The added lines of the two wanted files, and nothing else, without their leading '+'.
func TestExtractTakesTheAddedLinesOfTheTwoFiles(t *testing.T) {
	files, err := extract(writeSeed(t, fakeSeed))
	if err != nil {
		t.Fatal(err)
	}
	if want := "package event\n\n++counter // a line that starts with two pluses once its own is taken off\n"; files["event.go"] != want {
		t.Errorf("event.go is %q, want %q", files["event.go"], want)
	}
	if want := "package event\ntype MemoryValue struct{}\n"; files["memory_value.go"] != want {
		t.Errorf("memory_value.go is %q, want %q", files["memory_value.go"], want)
	}
	if len(files) != 2 {
		t.Errorf("extracted %d files, want 2", len(files))
	}
}

// A seed without the wanted files, that changes them instead of adding them, or cut inside a
// hunk, is refused.
func TestExtractRefusesAnotherSeed(t *testing.T) {
	without := strings.Replace(fakeSeed, "metropolis/pkg/event/memory_value.go b/", "metropolis/pkg/event/other.go b/", 1)
	if _, err := extract(writeSeed(t, without)); err == nil || !strings.Contains(err.Error(), "memory_value.go") {
		t.Errorf("a seed without memory_value.go: error %v, want one naming it", err)
	}
	changed := strings.Replace(fakeSeed, "+package event\n+\n", "+package event\n \n", 1)
	if _, err := extract(writeSeed(t, changed)); err == nil || !strings.Contains(err.Error(), "not an addition") {
		t.Errorf("a seed that changes a file instead of adding it: error %v, want one saying so", err)
	}
	cut := fakeSeed[:strings.Index(fakeSeed, "+type MemoryValue")]
	if _, err := extract(writeSeed(t, cut)); err == nil || !strings.Contains(err.Error(), "ends inside") {
		t.Errorf("a seed cut inside a hunk: error %v, want one saying so", err)
	}
}

// The seed is looked for in the environment, then beside the repository, then at the last
// resort; when none has it, the error says where it looked and how to name it.
func TestLocateSeed(t *testing.T) {
	saved := lastResort
	defer func() { lastResort = saved }()
	lastResort = filepath.Join(t.TempDir(), "absent", seedName)
	repo := filepath.Join(t.TempDir(), "repo")
	t.Setenv("EVENT_VALUE_GO_SEED", "")
	os.Unsetenv("EVENT_VALUE_GO_SEED")
	if _, err := locateSeed(repo); err == nil || !strings.Contains(err.Error(), "EVENT_VALUE_GO_SEED") || !strings.Contains(err.Error(), lastResort) {
		t.Errorf("no seed anywhere: error %v, want one naming where it looked and the variable", err)
	}
	beside := filepath.Join(repo, "..", "shared", "seed", seedName)
	if err := os.MkdirAll(filepath.Dir(beside), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(beside, []byte(fakeSeed), 0o644); err != nil {
		t.Fatal(err)
	}
	if found, err := locateSeed(repo); err != nil || found != beside {
		t.Errorf("a seed beside the repository: found %q, %v; want %q", found, err, beside)
	}
	named := writeSeed(t, fakeSeed)
	t.Setenv("EVENT_VALUE_GO_SEED", named)
	if found, err := locateSeed(repo); err != nil || found != named {
		t.Errorf("a seed named by the environment: found %q, %v; want %q", found, err, named)
	}
	t.Setenv("EVENT_VALUE_GO_SEED", filepath.Join(t.TempDir(), "missing"))
	if _, err := locateSeed(repo); err == nil || !strings.Contains(err.Error(), "EVENT_VALUE_GO_SEED names") {
		t.Errorf("the environment names a missing file: error %v, want one saying so", err)
	}
}
