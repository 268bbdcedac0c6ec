/**
 * The models tfjs saved in this browser (`model.save("indexeddb://…")`), for the Storage panel.
 * The worker owns tfjs, so the page asks the kernel rather than opening tfjs itself.
 */
import * as tf from '@tensorflow/tfjs';
import type { SavedModelInfo } from './protocol';

/** Lists the `indexeddb://` models, after removing `remove` when given. Rejects when IndexedDB fails. */
export async function listSavedModels(remove?: string): Promise<SavedModelInfo[]> {
  if (remove) await tf.io.removeModel(remove);
  const listed = await tf.io.listModels();
  return Object.entries(listed)
    .filter(([url]) => url.startsWith('indexeddb://'))
    .map(([url, info]) => ({
      url,
      savedAt: info.dateSaved ? new Date(info.dateSaved).toISOString() : null,
      bytes: (info.modelTopologyBytes ?? 0) + (info.weightSpecsBytes ?? 0) + (info.weightDataBytes ?? 0),
    }));
}
