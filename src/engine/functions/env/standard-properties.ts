/**
 * The standard Java system properties that describe the machine and the user, answered from Node: what
 * `env:getEnvironmentProperty('os.name')` and the like read when the manager's variables do not set them.
 * Only properties with an honest Node counterpart are here; `java.*` and `sun.*` have none (there is no JVM).
 */
import { EOL, arch, homedir, platform, release, tmpdir, userInfo } from 'node:os';
import { delimiter, sep } from 'node:path';

/** Java's `os.name` for Node's platform (Java appends the version on Windows: "Windows 10"; this does not). */
const OS_NAMES: Readonly<Record<string, string>> = {
  linux: 'Linux',
  darwin: 'Mac OS X',
  win32: 'Windows',
  freebsd: 'FreeBSD',
  openbsd: 'OpenBSD',
  netbsd: 'NetBSD',
  sunos: 'SunOS',
  aix: 'AIX',
};

/** Java's `os.arch` for Node's architecture (x86-64 is "amd64" except on macOS, where it is "x86_64"). */
function javaArch(): string {
  const a = arch();
  if (a === 'x64') return platform() === 'darwin' ? 'x86_64' : 'amd64';
  if (a === 'arm64') return 'aarch64';
  if (a === 'ia32') return 'x86';
  return a;
}

function userName(): string | undefined {
  try {
    return userInfo().username;
  } catch {
    // No entry for the process's user (a container without /etc/passwd): Java would say '?'.
    return undefined;
  }
}

/** The property names this module answers, for the docs. */
export const STANDARD_PROPERTY_NAMES: readonly string[] = [
  'os.name',
  'os.arch',
  'os.version',
  'user.name',
  'user.home',
  'user.dir',
  'java.io.tmpdir',
  'file.separator',
  'path.separator',
  'line.separator',
];

/** The value of a standard property now, or undefined when the name is not one of them. */
export function standardProperty(name: string): string | undefined {
  switch (name) {
    case 'os.name':
      return OS_NAMES[platform()] ?? platform();
    case 'os.arch':
      return javaArch();
    case 'os.version':
      return release();
    case 'user.name':
      return userName();
    case 'user.home':
      return homedir();
    case 'user.dir':
      return process.cwd();
    case 'java.io.tmpdir':
      return tmpdir();
    case 'file.separator':
      return sep;
    case 'path.separator':
      return delimiter;
    case 'line.separator':
      return EOL;
    default:
      return undefined;
  }
}
