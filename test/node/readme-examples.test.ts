import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../../scripts/lib/paths";
import { readmeCommands, shownOutputPattern } from "./readme-examples";

const fence = "```";

describe("readmeCommands", () => {
  it("joins continued lines, drops trailing comments, and reads shown output", () => {
    const markdown = [
      "text",
      `${fence}sh`,
      "# a heading comment",
      "curl -s 'http://x/a#frag' -H \"A: b\" \\",
      "  -d '{\"k\":1}'   # what it does",
      '# {"a":1,',
      '#  "b":[…]}',
      "jq . f.json |",
      "  curl -s -d @- http://x/b",
      "",
      "curl -s http://x/c",
      "# not output",
      fence,
      `${fence}json`,
      "curl -s http://x/not-shell",
      fence,
    ].join("\n");
    expect(readmeCommands(markdown)).toEqual([
      { line: 4, text: "curl -s 'http://x/a#frag' -H \"A: b\" \\\n  -d '{\"k\":1}'", expected: '{"a":1,"b":[…]}' },
      { line: 8, text: "jq . f.json |\n  curl -s -d @- http://x/b" },
      { line: 11, text: "curl -s http://x/c" },
    ]);
  });

  it("finds every curl line of the real README", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const curlLines = readme.split("\n").filter((line) => /^\s*curl /.test(line)).length;
    const found = readmeCommands(readme).filter((command) => /(^|\n)\s*curl /.test(command.text)).length;
    expect(found).toBe(curlLines);
  });
});

describe("shownOutputPattern", () => {
  it("ignores layout whitespace, keeps it inside strings, and reads … as anything", () => {
    const pattern = shownOutputPattern('{"a":1, "b":"x y …", "c":[…]}');
    expect('{"a":1,"b":"x y z","c":[1,2]}').toMatch(pattern);
    expect('{"a":1,"b":"x  y","c":[]}').not.toMatch(pattern);
    expect('{"a":1,"b":"x y z","c":[1,2]}trailing').not.toMatch(pattern);
  });

  it("leaves the end open when the shown output ends in …", () => {
    expect('[{"p":1},{"p":2}]').toMatch(shownOutputPattern('[{"p":1},…'));
    expect('[{"p":2}]').not.toMatch(shownOutputPattern('[{"p":1},…'));
  });
});
