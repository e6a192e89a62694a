/** Finding a Python that can import torch: the one on PATH, else Debian's (apt-get install -y python3-torch installs into /usr/bin/python3). */
import { spawnSync } from 'node:child_process';

export function pythonWithTorch(): string | undefined {
  return ['python3', '/usr/bin/python3'].find((python) => spawnSync(python, ['-c', 'import torch']).status === 0);
}
