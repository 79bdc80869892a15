import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where asset bytes live. Disk here; an object store (S3-compatible) implements the same calls. */
export interface AssetStorage {
  put(key: string, bytes: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  /** Removes the bytes of an upload that did not complete; nothing there is fine. */
  remove(key: string): Promise<void>;
}

export class DiskStorage implements AssetStorage {
  constructor(private readonly root: string) {}

  private file(key: string): string {
    if (!/^[a-f0-9-]{36}$/.test(key)) throw new Error(`Invalid storage key ${key}`);
    return path.join(this.root, key.slice(0, 2), key);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const file = this.file(key);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
  }

  get(key: string): Promise<Buffer> {
    return readFile(this.file(key));
  }

  remove(key: string): Promise<void> {
    return rm(this.file(key), { force: true });
  }
}

export const assetStorage: AssetStorage = new DiskStorage(process.env.ASSET_DIR ?? path.resolve(__dirname, '../../../../.data/assets'));
