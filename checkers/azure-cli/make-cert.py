"""Makes a throw-away certificate authority and a certificate for 127.0.0.1 signed by it, for the fake
Azure endpoints of `npm run check:az`. Runs with the Python of the Azure CLI's virtual environment,
which has `cryptography` (an azure-cli dependency). Usage: make-cert.py DIR -> DIR/ca.pem, server.pem, server-key.pem
"""
import datetime
import ipaddress
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

out = sys.argv[1]
now = datetime.datetime.now(datetime.timezone.utc)
# One day: the certificate lives as long as one check.
valid = dict(not_valid_before=now - datetime.timedelta(minutes=5), not_valid_after=now + datetime.timedelta(days=1))


def name(common_name):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


ca_key = ec.generate_private_key(ec.SECP256R1())
ca = (
    x509.CertificateBuilder(subject_name=name("double-nat check:az fake CA"), issuer_name=name("double-nat check:az fake CA"),
                            public_key=ca_key.public_key(), serial_number=x509.random_serial_number(), **valid)
    .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
    .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True, content_commitment=False,
                                 key_encipherment=False, data_encipherment=False, key_agreement=False,
                                 encipher_only=False, decipher_only=False), critical=True)
    .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
    .sign(ca_key, hashes.SHA256())
)
key = ec.generate_private_key(ec.SECP256R1())
server = (
    x509.CertificateBuilder(subject_name=name("127.0.0.1"), issuer_name=ca.subject, public_key=key.public_key(),
                            serial_number=x509.random_serial_number(), **valid)
    .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]), critical=False)
    .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
    .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
    .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
    .sign(ca_key, hashes.SHA256())
)
os.makedirs(out, exist_ok=True)
with open(os.path.join(out, "ca.pem"), "wb") as f:
    f.write(ca.public_bytes(serialization.Encoding.PEM))
with open(os.path.join(out, "server.pem"), "wb") as f:
    f.write(server.public_bytes(serialization.Encoding.PEM))
with open(os.open(os.path.join(out, "server-key.pem"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as f:
    f.write(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
