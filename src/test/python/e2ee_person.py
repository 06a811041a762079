"""A person with an end-to-end encrypting Matrix client (matrix-nio with its e2e extra), for MatrixE2eeTest.

Signs in to the homeserver directly, opens an encrypted direct chat with the bot, sends each command encrypted,
and prints one JSON line per message the bot sends back: its msgtype, body, whether nio had to decrypt it, and
for encrypted media the decrypted file (fetched from the authenticated media endpoint and decrypted with the key
in the event). Usage: python e2ee_person.py HOMESERVER USER PASSWORD BOT_ID STORE_DIR OUT_DIR WANT CMD...
WANT is how many messages from the bot to wait for (at most 90 s). Exit 0 when they came, 1 otherwise.
"""
import asyncio
import json
import os
import sys
import time
import urllib.request

from nio import AsyncClient, AsyncClientConfig, LoginResponse, RoomCreateResponse, RoomPreset
from nio import RoomEncryptedFile, RoomEncryptedImage, RoomMessageNotice, RoomMessageText, MegolmEvent
from nio.crypto.attachments import decrypt_attachment


def say(**kv):
    print(json.dumps(kv), flush=True)


async def keys(client):
    if client.should_upload_keys:
        await client.keys_upload()
    if client.should_query_keys:
        await client.keys_query()
    if client.should_claim_keys:
        await client.keys_claim(client.get_users_for_key_claiming())


def fetch(homeserver, token, mxc):
    server, media = mxc[len("mxc://"):].split("/", 1)
    req = urllib.request.Request(f"{homeserver}/_matrix/client/v1/media/download/{server}/{media}",
                                 headers={"Authorization": f"Bearer {token}"})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.read()


async def main(homeserver, user, password, bot, store, out, want, commands):
    client = AsyncClient(homeserver, user, store_path=store,
                         config=AsyncClientConfig(encryption_enabled=True, store_sync_tokens=True))
    login = await client.login(password, device_name="e2ee-test-person")
    if not isinstance(login, LoginResponse):
        say(kind="error", error=f"login: {login}")
        return 1
    await client.sync(timeout=0, full_state=True)
    await keys(client)
    created = await client.room_create(is_direct=True, invite=[bot], preset=RoomPreset.trusted_private_chat, initial_state=[
        {"type": "m.room.encryption", "state_key": "", "content": {"algorithm": "m.megolm.v1.aes-sha2"}}])
    if not isinstance(created, RoomCreateResponse):
        say(kind="error", error=f"createRoom: {created}")
        return 1
    room = created.room_id
    say(kind="room", room=room)
    deadline = time.time() + 90
    # wait for the bot to join and for its devices' keys (the proxy's device) to be known
    while time.time() < deadline:
        await client.sync(timeout=1000)
        await keys(client)
        r = client.rooms.get(room)
        if r and bot in r.users and client.device_store.active_user_devices(bot):
            break
    else:
        say(kind="error", error="the bot did not join, or no device of the bot has keys")
        return 1
    # Observed: when the command went out right after the bot joined, the bot's first reply (sent through
    # pantalaimon) never became readable here, later ones did. Likely pantalaimon's client had not yet learnt
    # this device's keys, so that first room key never reached us. A person types later than that; wait 5 s.
    settle = time.time() + 5
    while time.time() < settle:
        await client.sync(timeout=1000)
        await keys(client)
    for c in commands:
        await client.room_send(room, "m.room.message", {"msgtype": "m.text", "body": c},
                               ignore_unverified_devices=True)
    got = 0
    pending = []  # events whose room key had not arrived yet (it comes as a to-device message, maybe later)

    def show(e):
        nonlocal got
        if isinstance(e, (RoomEncryptedImage, RoomEncryptedFile)):
            data = decrypt_attachment(fetch(homeserver, client.access_token, e.url), e.key["k"],
                                      e.hashes["sha256"], e.iv)
            path = os.path.join(out, f"media{got}")
            with open(path, "wb") as f:
                f.write(data)
            say(kind=e.source["content"].get("msgtype"), decrypted=e.decrypted, file=path, body=e.body)
            got += 1
        elif isinstance(e, (RoomMessageNotice, RoomMessageText)):
            say(kind=e.source["content"].get("msgtype"), decrypted=e.decrypted, body=e.body)
            got += 1

    while got < want and time.time() < deadline:
        sync = await client.sync(timeout=1000)
        await keys(client)
        joined = getattr(sync, "rooms", None)
        events = joined.join[room].timeline.events if joined and room in joined.join else []
        for e in [x for x in pending] + [x for x in events if getattr(x, "sender", None) == bot]:
            if isinstance(e, MegolmEvent):
                try:
                    e2 = client.decrypt_event(e)
                except Exception:  # the key is still missing: try again after the next sync
                    if e not in pending:
                        pending.append(e)
                    continue
                if e in pending:
                    pending.remove(e)
                e = e2
            elif e in pending:
                pending.remove(e)
            show(e)
    for e in pending:
        say(kind="undecryptable", event_id=e.event_id)
    await client.close()
    return 0 if got >= want else 1


if __name__ == "__main__":
    a = sys.argv[1:]
    sys.exit(asyncio.run(main(a[0], a[1], a[2], a[3], a[4], a[5], int(a[6]), a[7:])))
