// Command extract takes the Go original's MemoryValue out of the seed commit, so that the harness
// can record it without its code being copied into this repository.
//
//	go run ./extract -out DIR [-repo DIR]
//
// The seed commit is a git diff that adds metropolis/pkg/event/event.go and memory_value.go.
// extract writes those two files, as the commit added them, into DIR, and writes DIR/overlay.json,
// which makes go build see them in this module's original/ folder:
//
//	go build -tags original -overlay DIR/overlay.json -o DIR/harness ./harness
//
// The seed is the file named by EVENT_VALUE_GO_SEED if that is set; otherwise
// REPO/../shared/seed/000_baa65a2732c097fe.txt (REPO is the repository's root, by default two
// folders up, since this runs from recorders/go); otherwise
// /work/shared/seed/000_baa65a2732c097fe.txt. When there is none, or it does not add the two
// files, extract prints one line and exits with status 2.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

const seedName = "000_baa65a2732c097fe.txt"

// lastResort is where the seed is looked for when neither the environment nor the repository's
// neighbourhood has it.
var lastResort = filepath.Join(string(filepath.Separator), "work", "shared", "seed", seedName)

// wanted are the seed's files that make up the original's package.
var wanted = []string{"event.go", "memory_value.go"}

func main() {
	out := flag.String("out", "", "folder to write the original's files and overlay.json into")
	repo := flag.String("repo", filepath.Join("..", ".."), "the repository's root")
	flag.Parse()
	if *out == "" {
		fail("usage: go run ./extract -out DIR [-repo DIR]")
	}
	seed, err := locateSeed(*repo)
	if err != nil {
		fail(err.Error())
	}
	files, err := extract(seed)
	if err != nil {
		fail(err.Error())
	}
	if err := write(*out, files); err != nil {
		fail(err.Error())
	}
}

// fail prints one line and exits with status 2: the original cannot be had.
func fail(message string) {
	fmt.Fprintln(os.Stderr, "extract: "+message)
	os.Exit(2)
}

// locateSeed finds the seed commit, in the order the package documentation gives.
func locateSeed(repo string) (string, error) {
	if named, ok := os.LookupEnv("EVENT_VALUE_GO_SEED"); ok {
		if _, err := os.Stat(named); err != nil {
			return "", fmt.Errorf("EVENT_VALUE_GO_SEED names %s, which cannot be read: %v", named, err)
		}
		return named, nil
	}
	candidates := []string{filepath.Join(repo, "..", "shared", "seed", seedName), lastResort}
	for _, candidate := range candidates {
		if _, err := os.Stat(candidate); err == nil {
			return candidate, nil
		}
	}
	return "", fmt.Errorf("the Go original's seed commit was found neither in %s nor in %s; set EVENT_VALUE_GO_SEED to its path", candidates[0], candidates[1])
}

// hunk matches the header of a hunk that adds a new file: "@@ -0,0 +1,166 @@".
var hunk = regexp.MustCompile(`^@@ -0,0 \+1,(\d+) @@`)

// extract reads the seed and returns the added lines of each wanted file, without their '+'.
func extract(seed string) (map[string]string, error) {
	file, err := os.Open(seed)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	files := map[string]string{}
	scanner := bufio.NewScanner(file)
	scanner.Buffer(make([]byte, 1<<20), 1<<20)
	current := ""
	for scanner.Scan() {
		line := scanner.Text()
		if strings.HasPrefix(line, "diff --git ") {
			current = ""
			for _, name := range wanted {
				if strings.HasPrefix(line, "diff --git a/metropolis/pkg/event/"+name+" ") {
					current = name
				}
			}
			continue
		}
		match := hunk.FindStringSubmatch(line)
		if current == "" || match == nil {
			continue
		}
		count, _ := strconv.Atoi(match[1])
		var text strings.Builder
		for added := 0; added < count; {
			if !scanner.Scan() {
				return nil, fmt.Errorf("%s ends inside the hunk of %s", seed, current)
			}
			body := scanner.Text()
			if strings.HasPrefix(body, `\`) {
				continue // "\ No newline at end of file"
			}
			if !strings.HasPrefix(body, "+") {
				return nil, fmt.Errorf("%s: the hunk of %s has a line that is not an addition: %q", seed, current, body)
			}
			text.WriteString(body[1:] + "\n")
			added++
		}
		files[current] = text.String()
	}
	if err := scanner.Err(); err != nil {
		return nil, err
	}
	for _, name := range wanted {
		if !strings.Contains(files[name], "package event") {
			return nil, fmt.Errorf("%s does not add metropolis/pkg/event/%s", seed, name)
		}
	}
	return files, nil
}

// write puts the files into out, with the overlay that maps them into this module's original/.
func write(out string, files map[string]string) error {
	target, err := filepath.Abs("original")
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(target, "doc.go")); err != nil {
		return errors.New("run extract from recorders/go, where the original/ folder is")
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	replace := map[string]string{}
	for name, text := range files {
		written, err := filepath.Abs(filepath.Join(out, name))
		if err != nil {
			return err
		}
		if err := os.WriteFile(written, []byte(text), 0o644); err != nil {
			return err
		}
		replace[filepath.Join(target, name)] = written
	}
	overlay, err := json.MarshalIndent(map[string]any{"Replace": replace}, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(out, "overlay.json"), overlay, 0o644)
}
