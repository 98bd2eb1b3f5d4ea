// .gitignore lines -> workspace-relative globs, so the workspace scan can honour .gitignore
// (findFiles in the VS Code 1.100 API does not). Negations ('!') cannot be expressed as excludes
// and are ignored: such files stay excluded. No 'vscode' import.

/**
 * @param content text of a .gitignore file
 * @param baseDir folder of that .gitignore relative to the workspace folder ('' for the root), '/' separated
 */
export function gitignoreToGlobs(content: string, baseDir: string): string[] {
  const prefix = baseDir ? `${baseDir.replace(/\/+$/, '')}/` : '';
  const globs: string[] = [];
  for (const rawLine of content.split(/\r?\n/)) {
    let line = rawLine.replace(/(?<!\\)\s+$/, '');
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    line = line.replace(/^\\([#!])/, '$1');
    line = line.replace(/\/+$/, ''); // 'dir/' only matches folders; excluding the folder excludes its files either way
    if (!line) continue;
    const anchored = line.includes('/'); // a slash at the start or in the middle anchors it to the .gitignore folder
    const pattern = line.replace(/^\/+/, '');
    globs.push(anchored ? `${prefix}${pattern}` : `${prefix}**/${pattern}`);
  }
  return globs;
}
