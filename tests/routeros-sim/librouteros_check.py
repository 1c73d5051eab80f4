"""Talks to the RouterOS simulator with Debian's python3-librouteros (an independent client) and prints
JSON results; tests/routeros/librouteros.test.ts checks them. Usage: librouteros_check.py PORT USER PASSWORD [token]"""
import json
import sys

from librouteros import connect
from librouteros.exceptions import TrapError
from librouteros.login import plain, token

port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
method = token if len(sys.argv) > 4 and sys.argv[4] == 'token' else plain
out = {}
api = connect('127.0.0.1', user, password, port=port, timeout=5, login_method=method)
out['identity'] = tuple(api('/system/identity/print'))[0]['name']
out['version'] = tuple(api('/system/resource/print'))[0]['version']
secrets = api.path('ppp', 'secret')
out['added'] = secrets.add(name='py-budi', password='x1', profile='default', service='pppoe', comment='C' * 200)
try:
    secrets.add(name='py-budi', password='x2')
except TrapError as e:
    out['dupTrap'] = str(e)
long_comment = 'L' * 20000
secrets.update(**{'.id': out['added'], 'comment': long_comment, 'disabled': 'yes'})
rows = tuple(api.rawCmd('/ppp/secret/print', '?name=py-budi', '=.proplist=.id,name,disabled,comment'))
out['printed'] = [{'id': r['.id'], 'name': r['name'], 'disabled': r['disabled'], 'commentLen': len(r['comment'])} for r in rows]
out['emptyPrint'] = list(api.rawCmd('/ppp/secret/print', '?name=nobody'))
out['count'] = tuple(api.rawCmd('/ppp/secret/print', '=count-only='))[0]['ret']
try:
    secrets.remove('*FFFF')
except TrapError as e:
    out['missingTrap'] = str(e)
out['activeCount'] = tuple(api.rawCmd('/ppp/active/print', '=count-only='))[0]['ret']
out['monitor'] = tuple(api.rawCmd('/interface/monitor-traffic', '=interface=<pppoe-online1>', '=once='))[0]['rx-bits-per-second']
try:
    tuple(api.rawCmd('/interface/monitor-traffic', '=interface=<pppoe-offline>', '=once='))
except TrapError as e:
    out['offlineTrap'] = str(e)
secrets.remove(out['added'])
out['afterRemove'] = len([r for r in secrets if r['name'] == 'py-budi'])
api.close()
print(json.dumps(out))
