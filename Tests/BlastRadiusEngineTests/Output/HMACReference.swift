enum HMACReference { static let value = "2e62fade5782f7df181dfb009a1e00f8e31d41b9221b15a04ebeddcf0f3fad48" }
