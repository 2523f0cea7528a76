/**
 * A worker thread that parses and validates one byte range of an events file, so a large file is parsed on every
 * core. It sends back each valid event reduced to its sample row, in batches of flat arrays (moved, not copied);
 * the main thread keeps the only copy of every contractor's sample, so memory does not multiply with threads.
 * Rejections of the first range stream back; later ranges keep theirs in a file until the earlier ones are done.
 * Once every range is read, the main thread may ask the worker for offset likelihoods of the merged evidence.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { eventRow } from '../../shared/domain/evidence/contractor-evidence.js';
import { DeviceDirectory } from '../../shared/domain/evidence/device-directory.js';
import { signInOf } from '../../shared/domain/evidence/sign-in.js';
import { offsetLikelihoods } from '../../shared/domain/timezone/likelihoods.js';
import { EventLineReader, type Rejection } from './events.js';
import { type IngestJob, type IngestMessage, type IngestRequest, ROW, ROW_WIDTH } from './ingest-protocol.js';
import { forEachLine } from './lines.js';

const BATCH_EVENTS = 8192;

const port = parentPort;
if (port) {
  const job = workerData as IngestJob;
  const contractorIndex = new Map<string, number>();
  let newContractorIds: string[] = [];
  // Addresses and devices repeat on every sign-in: each is sent once, then referred to by number.
  const addressIndex = new Map<string, number>();
  let newAddresses: string[] = [];
  const devices = new DeviceDirectory();
  let devicesSent = 0;
  // Per contractor (by index), the device last reported: usually the next one too (see `internLike`).
  const lastDevice: number[] = [];
  // Rows arrays the main thread has merged and moved back, reused before any new one is allocated.
  const spare: ArrayBuffer[] = [];
  const rowsArray = () => {
    const buffer = spare.pop();
    return buffer === undefined ? new Float64Array(BATCH_EVENTS * ROW_WIDTH) : new Float64Array(buffer);
  };
  let rows = rowsArray();
  let used = 0;
  const sendRows = () => {
    if (used === 0 && newContractorIds.length === 0) return;
    const message: IngestMessage = {
      kind: 'rows',
      newContractorIds,
      newAddresses,
      newDevices: Array.from({ length: devices.size - devicesSent }, (_, i) =>
        devices.device(devicesSent + i),
      ),
      rows: rows.subarray(0, used),
    };
    port.postMessage(message, [rows.buffer as ArrayBuffer]);
    rows = rowsArray();
    used = 0;
    newContractorIds = [];
    newAddresses = [];
    devicesSent = devices.size;
  };

  let rejected: Rejection[] = [];
  const spill = job.rejectionsFile === undefined ? undefined : openSync(job.rejectionsFile, 'w');
  const sendRejections = () => {
    if (rejected.length === 0) return;
    if (spill === undefined)
      port.postMessage({ kind: 'rejections', items: rejected } satisfies IngestMessage);
    else writeSync(spill, `${rejected.map((r) => JSON.stringify(r)).join('\n')}\n`);
    rejected = [];
  };

  const reader = new EventLineReader(
    (event) => {
      let index = contractorIndex.get(event.contractorId);
      if (index === undefined) {
        index = contractorIndex.size;
        contractorIndex.set(event.contractorId, index);
        newContractorIds.push(event.contractorId);
      }
      const row = eventRow(event);
      rows[used + ROW.contractor] = index;
      rows[used + ROW.hash] = row.hash;
      rows[used + ROW.at] = event.at;
      rows[used + ROW.kind] = row.kind;
      rows[used + ROW.detail] = row.detail;
      let address = -1;
      let device = -1;
      const signIn = signInOf(event);
      if (signIn !== null) {
        if (signIn.ip !== undefined) {
          address = addressIndex.get(signIn.ip) ?? -1;
          if (address === -1) {
            address = addressIndex.size;
            addressIndex.set(signIn.ip, address);
            newAddresses.push(signIn.ip);
          }
        }
        if (signIn.device !== undefined) {
          device = devices.internLike(signIn.device, lastDevice[index] ?? -1);
          lastDevice[index] = device;
        }
      }
      rows[used + ROW.address] = address;
      rows[used + ROW.device] = device;
      rows[used + ROW.successful] = signIn === null || signIn.successful ? 1 : 0;
      used += ROW_WIDTH;
      if (used === rows.length) sendRows();
    },
    (rejection) => {
      rejected.push(rejection);
      if (rejected.length >= 256) sendRejections();
    },
    job.receivedAt,
    false,
  );
  const takeSpare = (request: IngestRequest) => {
    if (request.kind === 'rows-buffer') spare.push(request.buffer);
  };
  port.on('message', takeSpare);
  try {
    const lines = await forEachLine(job.path, reader.line, { start: job.start, end: job.end }).finally(() =>
      port.off('message', takeSpare),
    );
    sendRows();
    sendRejections();
    if (spill !== undefined) closeSync(spill);
    port.postMessage({
      kind: 'done',
      lines,
      valid: reader.valid,
      rejected: reader.rejected,
    } satisfies IngestMessage);
    port.on('message', (request: IngestRequest) => {
      if (request.kind === 'rows-buffer') return;
      if (request.kind === 'likelihoods') {
        const results = [];
        let at = 0;
        for (const count of request.counts) {
          results.push(offsetLikelihoods(request.instants.subarray(at, at + count), request.model));
          at += count;
        }
        port.postMessage({ kind: 'likelihoods', results } satisfies IngestMessage);
      }
      port.close();
    });
  } catch (error) {
    port.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
}
