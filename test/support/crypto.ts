/**
 * End-to-end encryption with the SDK's real Rust crypto (@matrix-org/matrix-sdk-crypto-wasm): a client on a SyncScript
 * with its crypto initialised, and a sending device (an OlmMachine of its own) that encrypts real megolm events.
 * Keys reach the client when a test says (as from key backup or a forwarded key): the crypto then retries the events
 * waiting for them.
 */
import * as Wasm from "@matrix-org/matrix-sdk-crypto-wasm";
import type { MatrixClient } from "matrix-js-sdk";
import type { RawEvent } from "./events";
import { nextEventId } from "./events";
import type { SyncScript } from "./syncScript";

/** Routes the crypto layer asks for at start. */
export function cryptoRoutes(script: SyncScript) {
  script.route({ path: /\/keys\/upload$/ }, () => ({
    json: { one_time_key_counts: { signed_curve25519: 50 } },
  }));
  // Every user asked for is answered (with no devices): an answer leaving one out has the crypto ask again at once, in
  // a loop that runs the test worker out of memory.
  script.route({ path: /\/keys\/query$/ }, (req) => {
    const asked = Object.keys(
      ((req.body ?? {}) as { device_keys?: Record<string, unknown> }).device_keys ?? {},
    );
    return {
      json: {
        device_keys: Object.fromEntries(asked.map((u) => [u, {}])),
        failures: {},
        master_keys: {},
        self_signing_keys: {},
        user_signing_keys: {},
      },
    };
  });
  script.route({ path: /\/keys\/claim$/ }, () => ({ json: { one_time_keys: {}, failures: {} } }));
  script.route({ path: /\/room_keys\/version/ }, () => ({ status: 404, errcode: "M_NOT_FOUND" }));
  script.route({ path: /\/sendToDevice\// }, () => ({ json: {} }));
  script.route({ path: /\/keys\/signatures\/upload$/ }, () => ({ json: {} }));
  script.route(
    { path: /\/account_data\/m\.(secret_storage|cross_signing|megolm_backup|org\.matrix)/ },
    () => ({
      status: 404,
      errcode: "M_NOT_FOUND",
    }),
  );
}

/** A sending device of `userId`, with one megolm session for `roomId`. */
export async function senderDevice(userId: string, roomId: string, deviceId = "SENDERDEV") {
  await Wasm.initAsync();
  const machine = await Wasm.OlmMachine.initialize(new Wasm.UserId(userId), new Wasm.DeviceId(deviceId));
  const rid = new Wasm.RoomId(roomId);
  await machine.shareRoomKey(rid, [], new Wasm.EncryptionSettings());
  return {
    machine,
    /** A raw megolm event of `userId` whose cleartext is `{type, content}`; relations copied to the wire. */
    async encrypt(
      type: string,
      content: Record<string, unknown>,
      extra: Partial<RawEvent> = {},
    ): Promise<RawEvent> {
      // As matrix-js-sdk sends it: the relation stays in the clear, outside the ciphertext.
      const { "m.relates_to": relatesTo, ...clear } = content;
      const wire = JSON.parse(await machine.encryptRoomEvent(rid, type, JSON.stringify(clear)));
      if (relatesTo) wire["m.relates_to"] = relatesTo;
      return {
        type: "m.room.encrypted",
        content: wire,
        event_id: nextEventId("enc"),
        sender: userId,
        origin_server_ts: Date.now(),
        ...extra,
      };
    },
    /** The session keys, as an export (importRoomKeysAsJson). */
    exportKeys: () => machine.exportRoomKeys(() => true),
  };
}

/** Hands the sender's keys to the client's crypto (as if they arrived late: key backup, forwarded key, to-device). */
export async function giveKeys(client: MatrixClient, keysJson: string) {
  await client.getCrypto()!.importRoomKeysAsJson(keysJson);
}

/** A started world with a real Rust-crypto client, `roomId` encrypted (its encryption event sent by `sender`). */
export async function startCryptoWorld(
  userId: string,
  batch: import("./syncScript").SyncBatch,
  roomId: string,
  sender: string,
  clientOptions: Partial<import("matrix-js-sdk").ICreateClientOpts> = {},
  encryption: Record<string, unknown> = { algorithm: "m.megolm.v1.aes-sha2" },
) {
  const { SyncScript } = await import("./syncScript");
  const { stateEvent } = await import("./events");
  const script = new SyncScript({ userId });
  cryptoRoutes(script);
  const client = script.createClient(clientOptions);
  await client.initRustCrypto({ useIndexedDB: false });
  batch.join![roomId]!.state!.push(stateEvent("m.room.encryption", encryption, { sender }));
  await script.start(client, batch);
  return { client, script };
}
