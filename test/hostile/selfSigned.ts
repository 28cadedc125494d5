// A self-signed certificate for 127.0.0.1 (valid 2020-2120, so no clock makes it "not yet
// valid"), for the matrix's "TLS certificate error" cell: the client must refuse it, and not
// retry. Test data only: it protects nothing. Made with `openssl ca -selfsign` (P-256 key,
// subjectAltName IP:127.0.0.1, -startdate 20200101000000Z -enddate 21200101000000Z).

export const SELF_SIGNED_CERT = `
-----BEGIN CERTIFICATE-----
MIIBVTCB/KADAgECAgEBMAoGCCqGSM49BAMCMBQxEjAQBgNVBAMMCTEyNy4wLjAu
MTAgFw0yMDAxMDEwMDAwMDBaGA8yMTIwMDEwMTAwMDAwMFowFDESMBAGA1UEAwwJ
MTI3LjAuMC4xMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEY2ZsmILHxkjdRHrc
HjEaD7bK9sC9pSwr8KGiTPUTWbZPIk3/5qKgNv2TF+PHTKlJvoFMx2M9RYz89gJA
yQNDiaM9MDswDwYDVR0RBAgwBocEfwAAATAJBgNVHRMEAjAAMB0GA1UdDgQWBBSF
yNBGKk320c3VxD00nkOSDU+8VTAKBggqhkjOPQQDAgNIADBFAiEAgs9b8JUb16hK
7AdwSeyRXYpA2ZkiJuiQQLvyhDAYgekCIBjD7vTTrI3TNrLkBXjnUFbYyHLdtONB
WRHp9714jTDV
-----END CERTIFICATE-----
`;

export const SELF_SIGNED_KEY = `
-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg1lPs63gR7FXvEbkw
7rgI6XiPdeXFZCO4nA196/glryyhRANCAARjZmyYgsfGSN1EetweMRoPtsr2wL2l
LCvwoaJM9RNZtk8iTf/moqA2/ZMX48dMqUm+gUzHYz1FjPz2AkDJA0OJ
-----END PRIVATE KEY-----
`;
